module github.com/Merida39/telegram-bot

go 1.21

require (
	github.com/inconshreveable/mousetrap v1.1.0 // indirect
	github.com/spf13/cobra v1.9.1 // indirect
	github.com/spf13/pflag v1.0.6 // indirect
	gopkg.in/telebot.v3 v3.3.8 // indirect
)
