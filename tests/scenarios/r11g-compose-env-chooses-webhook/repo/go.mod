module github.com/someone/helpdesk

go 1.22
