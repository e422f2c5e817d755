package main

import (
	"os"
	"time"

	tele "gopkg.in/telebot.v3"
)

func main() {
	b, err := tele.NewBot(tele.Settings{Token: os.Getenv("QUIZ_TOKEN")})
	if err != nil {
		panic(err)
	}
	b.Handle("/start", func(c tele.Context) error { return c.Send("hi") })
	_ = time.Second
	b.Start()
}
