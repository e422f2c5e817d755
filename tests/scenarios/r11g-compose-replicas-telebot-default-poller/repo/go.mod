module github.com/someone/quizbot

go 1.21
