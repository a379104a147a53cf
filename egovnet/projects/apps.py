from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "egovnet.projects"
    label = "projects"
    verbose_name = "建设项目 Projects"
