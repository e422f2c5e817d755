package main

import (
	"os"

	tele "gopkg.in/telebot.v3"
)

func main() {
	hook := &tele.Webhook{Listen: ":8080", Endpoint: &tele.WebhookEndpoint{PublicURL: os.Getenv("PUBLIC_URL")}}
	b, err := tele.NewBot(tele.Settings{Token: os.Getenv("QUIZ_TOKEN"), Poller: hook})
	if err != nil {
		panic(err)
	}
	b.Start()
}
