package main

import "github.com/railwayapp/railway-go-iac/iac"

func Railway() iac.Project {
	bot := iac.ServiceNamed("bot", iac.ServiceConfig{
		"start":    "python bot.py",
		"replicas": 2,
	})
	return iac.ProjectNamed("bot", []any{bot})
}
