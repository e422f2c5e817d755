module github.com/someone/api

go 1.22
