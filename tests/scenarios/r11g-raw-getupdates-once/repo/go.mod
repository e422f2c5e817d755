module github.com/someone/echo

go 1.22
