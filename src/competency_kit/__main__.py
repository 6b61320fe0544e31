from competency_kit.cli.main import run

run()
