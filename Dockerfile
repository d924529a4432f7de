FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app

# Exactly what `make smoke` proves in CI: requirements.txt alone.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# Static files for the admin and API docs, served by WhiteNoise. Build-time values only.
RUN DEBUG=1 python manage.py collectstatic --noinput

RUN useradd --create-home jobhax
USER jobhax
# gunicorn.conf.py reads HOST, PORT, WEB_CONCURRENCY and GUNICORN_TIMEOUT.
ENV HOST=0.0.0.0 PORT=8000
EXPOSE 8000
CMD ["gunicorn", "jobhax.wsgi:application"]
