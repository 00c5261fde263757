"""The guide's console: the presenter view on a second screen, and what it shares with the guide's page.

`console` (tours, the tour clock, routed next/previous), `view` (the presenter's screen),
`screens` (the view on its own screen or nowhere), `window_show` (the show API over a
playing window), `attach` (puts them together in a running kiosk).
"""
