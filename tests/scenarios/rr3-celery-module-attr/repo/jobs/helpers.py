def retry_delay(attempt):
    return 2 ** attempt
