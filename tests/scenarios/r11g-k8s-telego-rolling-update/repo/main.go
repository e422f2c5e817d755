package main

import (
	"context"
	"log"
	"os"

	"github.com/mymmrac/telego"
)

func main() {
	bot, err := telego.NewBot(os.Getenv("TELEGRAM_TOKEN"))
	if err != nil {
		log.Fatal(err)
	}
	updates, _ := bot.UpdatesViaLongPolling(context.Background(), nil)
	for update := range updates {
		log.Println(update.UpdateID)
	}
}
