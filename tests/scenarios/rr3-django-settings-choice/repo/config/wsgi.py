from django.core.wsgi import get_wsgi_application

from .choose import choose_settings

choose_settings()
application = get_wsgi_application()
