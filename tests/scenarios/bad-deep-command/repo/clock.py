print("clock")
