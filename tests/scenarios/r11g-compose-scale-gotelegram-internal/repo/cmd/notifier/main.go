package main

import (
	"context"

	"github.com/someone/notifier/internal/app"
)

func main() {
	app.Run(context.Background())
}
