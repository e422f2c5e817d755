package main

import (
	"context"
	"net/http"
	"os"

	"github.com/mymmrac/telego"
)

func main() {
	ctx := context.Background()
	b, err := telego.NewBot(os.Getenv("HELPDESK_TOKEN"))
	if err != nil {
		panic(err)
	}
	if url := os.Getenv("HOOK_URL"); url != "" {
		serveHook(ctx, b, url)
	} else {
		poll(ctx, b)
	}
}

func serveHook(ctx context.Context, b *telego.Bot, url string) {
	_ = b.SetWebhook(ctx, &telego.SetWebhookParams{URL: url})
	updates, _ := b.UpdatesViaWebhook(ctx, func(h telego.WebhookHandler) error { return nil })
	go http.ListenAndServe(":8080", nil)
	for range updates {
	}
}

func poll(ctx context.Context, b *telego.Bot) {
	updates, _ := b.UpdatesViaLongPolling(ctx, nil)
	for range updates {
	}
}
