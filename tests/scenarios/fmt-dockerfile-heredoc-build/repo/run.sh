#!/bin/sh
exec ./relay --port 8080
