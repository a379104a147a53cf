"""Demo dataset: realistic synthetic data on the real divisions, every record marked ``is_demo``; and the
synthetic national generator (``generate``). An installed app (``DemoConfig``), so the package imports nothing
at load time: ``demo.loader`` (``load_demo``) and ``demo.logins`` (``demo_logins``) hold the API."""
