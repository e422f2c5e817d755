print("health ok")
