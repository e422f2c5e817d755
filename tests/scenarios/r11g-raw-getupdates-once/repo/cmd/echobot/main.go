package main

import (
	"net/http"
	"os"

	"github.com/someone/echo/internal/tg"
)

// One getUpdates request at start-up (to log the last update id), then an HTTP server.
func main() {
	c := tg.Client{Token: os.Getenv("ECHO_TOKEN")}
	c.Poll(0)
	http.ListenAndServe(":8080", nil)
}
