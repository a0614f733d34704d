-- Dataset searches, a different one each request (cache misses): 8 words x 47 prefectures x 30 page sizes (11,280 keys
-- in a cycle, longer than the answer cache), kind=dataset with the 7 facets.
local words = {"AED","%E4%B8%80%E8%A6%A7","%E9%98%B2%E7%81%BD","%E4%BA%BA%E5%8F%A3","%E5%85%AC%E5%9C%92","%E8%A8%AD%E7%BD%AE","%E4%BB%A4%E5%92%8C","%E4%BA%88%E7%AE%97"}
local prefs = {"010006","020001","030007","040002","050008","060003","070009","080004","090000","100005","110001","120006","130001","140007","150002","160008","170003","180009","190004","200000","210005","220001","230006","240001","250007","260002","270008","280003","290009","300004","310000","320005","330001","340006","350001","360007","370002","380008","390003","400009","410004","420000","430005","440001","450006","460001","470007"}
local n = 0
request = function()
  n = n + 1
  local w = words[(n % #words) + 1]
  local pref = prefs[(math.floor(n / #words) % 47) + 1]
  local page = math.floor(n / (#words * 47))
  return wrk.format("GET", "/api/v1/search?q=" .. w .. "&pref=" .. pref .. "&kind=dataset&size=" .. (20 + page % 30))
end
