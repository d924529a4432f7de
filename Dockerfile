FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app

COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .
# Static files for the admin and API docs, served by WhiteNoise. Build-time values only.
RUN DEBUG=1 python manage.py collectstatic --noinput

RUN useradd --create-home jobhax
USER jobhax
EXPOSE 8000
CMD ["gunicorn", "jobhax.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
