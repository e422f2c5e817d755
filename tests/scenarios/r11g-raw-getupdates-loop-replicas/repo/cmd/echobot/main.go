package main

import (
	"os"
	"time"

	"github.com/someone/echo/internal/tg"
)

func main() {
	c := tg.Client{Token: os.Getenv("ECHO_TOKEN")}
	offset := 0
	for {
		offset = c.Poll(offset)
		time.Sleep(time.Second)
	}
}
