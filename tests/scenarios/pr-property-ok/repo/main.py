"""Entry: the application comes from a property of a holder class in another module."""
from holder import Holder

Holder().app.run_polling()
