-- A different query each request (cache misses): 8 words x 47 prefectures x 30 page sizes = 11,280 keys in a cycle,
-- longer than the answer cache (4,096, emptied when full), so a key never comes back while it is still cached.
-- Prefecture codes are the registry's 6-digit ones (130001); the API also takes 2 digits (13) since issue 14's engine pass.
local words = {"%E5%85%AC%E6%B0%91%E9%A4%A8","%E5%85%AC%E5%9C%92","AED","%E9%A7%85%E5%89%8D","%E4%BD%93%E8%82%B2%E9%A4%A8","%E5%B8%82%E5%BD%B9%E6%89%80","%E5%B0%8F%E5%AD%A6%E6%A0%A1","%E5%9B%B3%E6%9B%B8%E9%A4%A8"}
local prefs = {"010006","020001","030007","040002","050008","060003","070009","080004","090000","100005","110001","120006","130001","140007","150002","160008","170003","180009","190004","200000","210005","220001","230006","240001","250007","260002","270008","280003","290009","300004","310000","320005","330001","340006","350001","360007","370002","380008","390003","400009","410004","420000","430005","440001","450006","460001","470007"}
local n = 0
request = function()
  n = n + 1
  local w = words[(n % #words) + 1]
  local pref = prefs[(math.floor(n / #words) % 47) + 1]
  local page = math.floor(n / (#words * 47))
  return wrk.format("GET", "/api/v1/search?q=" .. w .. "&pref=" .. pref .. "&kind=record&size=" .. (20 + page % 30))
end
