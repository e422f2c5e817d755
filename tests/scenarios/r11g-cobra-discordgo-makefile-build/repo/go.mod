module github.com/someone/guildkeeper

go 1.22
