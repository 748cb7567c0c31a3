"""The Flask test server (APIFlask): publishes its description at /api/openapi.json with a relative server URL."""
from apiflask import APIFlask, HTTPBasicAuth, Schema, abort
from apiflask.fields import File, Integer, List, String
from apiflask.validators import Length, OneOf, Range

app = APIFlask(__name__, title="Specter Test Books", version="2.1.0", spec_path="/api/openapi.json", docs_path=None)
app.config["SERVERS"] = [{"url": "/library", "description": "The library, relative to this document"}]
app.config["TAGS"] = [{"name": "books", "description": "Books on the shelf"}, {"name": "covers", "description": "Cover images"}]
auth = HTTPBasicAuth()


class ServedUnderLibrary:
    """Serves the API under /library (the description's relative server URL); the description itself stays at /api."""

    def __init__(self, wsgi):
        self.wsgi = wsgi

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith("/library/"):
            environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + "/library"
            environ["PATH_INFO"] = path[len("/library"):]
        return self.wsgi(environ, start_response)


app.wsgi_app = ServedUnderLibrary(app.wsgi_app)


@auth.verify_password
def verify_password(username, password):
    return username if (username, password) == ("librarian", "s3cret") else None


class BookIn(Schema):
    title = String(required=True, validate=Length(1, 80))
    year = Integer(required=True, validate=Range(1450, 2100))
    genre = String(load_default="fiction", validate=OneOf(["fiction", "science", "history"]))
    authors = List(String(), load_default=[])


class BookOut(BookIn):
    id = Integer()


class BookQuery(Schema):
    genre = String(validate=OneOf(["fiction", "science", "history"]))
    limit = Integer(load_default=10, validate=Range(1, 50))


BOOKS = {1: {"id": 1, "title": "Dune", "year": 1965, "genre": "fiction", "authors": ["Frank Herbert"]}}


@app.get("/books")
@app.input(BookQuery, location="query")
@app.output(BookOut(many=True))
@app.doc(tags=["books"], summary="List books")
def list_books(query_data):
    books = [b for b in BOOKS.values() if "genre" not in query_data or b["genre"] == query_data["genre"]]
    return books[: query_data["limit"]]


@app.post("/books")
@app.input(BookIn)
@app.output(BookOut, status_code=201)
@app.doc(tags=["books"], summary="Add a book")
def add_book(json_data):
    book = {"id": max(BOOKS) + 1, **json_data}
    BOOKS[book["id"]] = book
    return book


@app.get("/books/<int:book_id>")
@app.output(BookOut)
@app.doc(tags=["books"], summary="Get a book", responses=[404])
def get_book(book_id):
    if book_id not in BOOKS:
        abort(404, "no such book")
    return BOOKS[book_id]


class CoverIn(Schema):
    image = File(required=True)
    caption = String(load_default="")


class CoverOut(Schema):
    filename = String()
    size = Integer()
    caption = String()
    contentType = String()


@app.post("/books/<int:book_id>/cover")
@app.auth_required(auth)
@app.input(CoverIn, location="files")
@app.output(CoverOut, status_code=201)
@app.doc(tags=["covers"], summary="Upload a book's cover (librarians only)")
def upload_cover(book_id, files_data):
    image = files_data["image"]
    content = image.read()
    return {"filename": image.filename, "size": len(content), "caption": files_data.get("caption", ""), "contentType": image.mimetype}


class ReviewIn(Schema):
    rating = Integer(required=True, validate=Range(1, 5))
    comment = String(load_default="")


@app.post("/books/<int:book_id>/reviews")
@app.input(ReviewIn, location="form")
@app.output(ReviewIn, status_code=201)
@app.doc(tags=["books"], summary="Review a book (form body)")
def review_book(book_id, form_data):
    return form_data
