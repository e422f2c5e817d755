module tgpoll

go 1.22
