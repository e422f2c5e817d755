package app

import (
	"context"
	"os"

	"github.com/go-telegram/bot"
)

type Service struct{ b *bot.Bot }

func Run(ctx context.Context) {
	s := newService()
	s.Serve(ctx)
}

func newService() *Service {
	b, _ := bot.New(os.Getenv("NOTIFIER_TOKEN"))
	return &Service{b: b}
}

func (s *Service) Serve(ctx context.Context) {
	s.b.Start(ctx)
}
