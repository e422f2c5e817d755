from http.server import BaseHTTPRequestHandler, HTTPServer


class Ok(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()


HTTPServer(("", 8080), Ok).serve_forever()
