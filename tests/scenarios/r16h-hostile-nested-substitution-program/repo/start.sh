#!/bin/sh
$($($($($($(echo python)))))) bot.py
