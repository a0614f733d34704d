-- A different point each request (cache misses): a grid around Tokyo
local n = 0
request = function()
  n = n + 1
  local lat = 35.60 + (n % 100) * 0.002
  local lon = 139.60 + (math.floor(n / 100) % 100) * 0.002
  return wrk.format("GET", string.format("/api/v1/standards/aed/records?near=%.4f,%.4f&radius=1000&limit=20", lat, lon))
end
