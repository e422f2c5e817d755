package app

import (
	"context"
	"net/http"
	"os"

	"github.com/go-telegram/bot"
)

type Service struct{ b *bot.Bot }

// Run serves the HTTP API only; the bot loop lives in Poll, which nothing calls.
func Run(ctx context.Context) {
	http.ListenAndServe(":8080", nil)
}

func Poll(ctx context.Context) {
	b, _ := bot.New(os.Getenv("NOTIFIER_TOKEN"))
	b.Start(ctx)
}
