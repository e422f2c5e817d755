package main

import (
	"log"
	"os"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func main() {
	api, err := tgbotapi.NewBotAPI(os.Getenv("RELAY_BOT_TOKEN"))
	if err != nil {
		log.Fatal(err)
	}
	cfg := tgbotapi.NewUpdate(0)
	cfg.Timeout = 30
	for upd := range api.GetUpdatesChan(cfg) {
		log.Println(upd.UpdateID)
	}
}
