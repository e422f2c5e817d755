module github.com/someone/reminder-bot/v2

go 1.22
