"""placeholder"""
def detect(program):
    return []
