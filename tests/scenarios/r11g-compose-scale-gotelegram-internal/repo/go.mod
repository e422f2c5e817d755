module github.com/someone/notifier

go 1.22
