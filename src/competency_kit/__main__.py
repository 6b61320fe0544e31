from competency_kit.entry import run

run()
