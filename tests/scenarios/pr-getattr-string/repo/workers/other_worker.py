def main():
    print("nothing to do")
