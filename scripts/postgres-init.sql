-- One role and one database per service: each role owns its own database and nothing else. CREATE ROLE gives no
-- superuser, no CREATEDB and no CREATEROLE; the REVOKE takes from PUBLIC the CONNECT every role has by default, so
-- users-service's role cannot even open tasks' database. The image's superuser (POSTGRES_USER) is for an
-- administrator only: no service logs in as it.
-- The postgres image runs this once, on the first start with an empty data volume (Compose and deploy/'s copy).
-- The passwords are secret files mounted into PostgreSQL's container (at the same paths in Compose and Kubernetes);
-- psql reads each into a variable and quotes it, so it is written nowhere else.
\set users_password `cat /etc/users-db/password`
\set tasks_password `cat /etc/tasks-db/password`
\set auth_password `cat /etc/auth-db/password`
CREATE ROLE users LOGIN PASSWORD :'users_password';
CREATE ROLE tasks LOGIN PASSWORD :'tasks_password';
CREATE ROLE auth LOGIN PASSWORD :'auth_password';
CREATE DATABASE users OWNER users;
CREATE DATABASE tasks OWNER tasks;
CREATE DATABASE auth OWNER auth;
REVOKE ALL ON DATABASE users, tasks, auth FROM PUBLIC;
