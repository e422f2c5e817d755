import http.server
http.server.test()
