package main

import (
	"os"

	"github.com/PaulSonOfLars/gotgbot/v2"
	"github.com/PaulSonOfLars/gotgbot/v2/ext"
)

func main() {
	b, err := gotgbot.NewBot(os.Getenv("REMINDER_TOKEN"), nil)
	if err != nil {
		panic(err)
	}
	dispatcher := ext.NewDispatcher(nil)
	updater := ext.NewUpdater(dispatcher, nil)
	if err := updater.StartPolling(b, nil); err != nil {
		panic(err)
	}
	updater.Idle()
}
