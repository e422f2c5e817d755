module example.com/quotebot

go 1.22

require github.com/mymmrac/telego v1.0.0
