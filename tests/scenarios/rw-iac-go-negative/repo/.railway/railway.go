package main

import "github.com/railwayapp/railway-go-iac/iac"

// written by `railway config migrate --lang go`; railway.json is left behind
func Railway() iac.Project {
	web := iac.ServiceNamed("bot", iac.ServiceConfig{
		"start": "python bot.py",
	})
	return iac.ProjectNamed("bot", []any{web})
}
