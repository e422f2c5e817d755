package tg

import (
	"net/http"
	"strconv"
)

const (
	apiBase       = "https://api.telegram.org/bot"
	updatesMethod = "getUpdates"
)

type Client struct{ Token string }

func (c Client) Poll(offset int) int {
	resp, err := c.call(updatesMethod, "offset="+strconv.Itoa(offset))
	if err == nil {
		resp.Body.Close()
	}
	return offset + 1
}

func (c Client) call(method, query string) (*http.Response, error) {
	return http.Get(apiBase + c.Token + "/" + method + "?" + query)
}
