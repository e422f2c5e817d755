package main

import (
	"fmt"
	"log"
	"os"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Prints the chat ids that wrote to the bot recently, then serves the status page.
func main() {
	api, err := tgbotapi.NewBotAPI(os.Getenv("POLL_TOKEN"))
	if err != nil {
		log.Fatal(err)
	}
	updates, _ := api.GetUpdates(tgbotapi.UpdateConfig{Limit: 10})
	for _, u := range updates {
		if u.Message != nil {
			fmt.Println(u.Message.Chat.ID)
		}
	}
	serve()
}
