print("jobs")
