from http.server import BaseHTTPRequestHandler, HTTPServer

HTTPServer(("", 8080), BaseHTTPRequestHandler).serve_forever()
