-- An API key may carry its own request limit, below the server-wide BIZO_API_RATE_LIMIT_PER_MINUTE (which caps
-- it): a key handed to a third party can be kept slow. Null means the server-wide limit.
alter table auth_api_key
  add column rate_limit_per_minute integer check (rate_limit_per_minute is null or rate_limit_per_minute >= 1);
