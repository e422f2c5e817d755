package main

import (
	"log"
	"os"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func main() {
	token := os.Getenv("POLL_TOKEN")
	api, err := tgbotapi.NewBotAPI(token)
	if err != nil {
		log.Fatal(err)
	}
	offset := 0
	for {
		updates, err := api.GetUpdates(tgbotapi.UpdateConfig{Offset: offset, Timeout: 30})
		if err != nil {
			continue
		}
		for _, u := range updates {
			offset = u.UpdateID + 1
		}
	}
}
