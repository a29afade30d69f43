-- One database per service, owned by the role the services log in as (POSTGRES_USER, created by the image).
-- The postgres image runs this once, on the first start with an empty data volume (Compose and deploy/).
CREATE DATABASE users OWNER kubenet;
CREATE DATABASE tasks OWNER kubenet;
-- auth-service's database (the ids of logged-out tokens) is owned by a role of its own, no superuser, with no rights
-- on the tables of users and tasks. Its password is a secret file mounted into PostgreSQL's container (at the same
-- path in Compose and Kubernetes); psql reads it into a variable and quotes it, so it is written nowhere else.
\set auth_password `cat /etc/auth-db/password`
CREATE ROLE auth LOGIN PASSWORD :'auth_password';
CREATE DATABASE auth OWNER auth;
