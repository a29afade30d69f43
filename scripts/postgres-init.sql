-- One database per service, owned by the role the services log in as (POSTGRES_USER, created by the image).
-- The postgres image runs this once, on the first start with an empty data volume (Compose and deploy/).
CREATE DATABASE users OWNER kubenet;
CREATE DATABASE tasks OWNER kubenet;
