-- A different query each request (cache misses): words x prefectures
local words = {"%E5%85%AC%E6%B0%91%E9%A4%A8","%E5%85%AC%E5%9C%92","AED","%E9%A7%85%E5%89%8D","%E4%BD%93%E8%82%B2%E9%A4%A8","%E5%B8%82%E5%BD%B9%E6%89%80","%E5%B0%8F%E5%AD%A6%E6%A0%A1","%E5%9B%B3%E6%9B%B8%E9%A4%A8"}
local n = 0
request = function()
  n = n + 1
  local w = words[(n % #words) + 1]
  local pref = string.format("%02d", (math.floor(n / #words) % 47) + 1)
  local page = math.floor(n / (#words * 47))
  return wrk.format("GET", "/api/v1/search?q=" .. w .. "&pref=" .. pref .. "&kind=record&size=" .. (20 + page % 30))
end
