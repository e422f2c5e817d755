package main

import (
	"log"
	"net/http"
	"os"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func main() {
	api, err := tgbotapi.NewBotAPI(os.Getenv("RELAY_BOT_TOKEN"))
	if err != nil {
		log.Fatal(err)
	}
	updates := api.ListenForWebhook("/hook")
	go http.ListenAndServe(":"+os.Getenv("PORT"), nil)
	for upd := range updates {
		log.Println(upd.UpdateID)
	}
}
